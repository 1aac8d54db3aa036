"""The result rows and the table they print as.

Every figure is printed beside a baseline measured in the same run on the same machine, so
the table reads the same on a fast laptop and a slow CI box: the ratio is what carries over,
and the absolute targets say what an analyst would notice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.measure import Size, each_size, growth_exponent

LINEAR_ENOUGH = 1.1
"""Growth exponents up to this count as "linear or better" (timing noise allowed for)."""


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # "ms", "MB", "ann/s"

    def __str__(self) -> str:
        if self.unit == "ann/s":
            return f"{self.value:,.0f} ann/s"
        digits = 0 if self.value >= 100 else 1 if self.value >= 10 else 2
        return f"{self.value:,.{digits}f} {self.unit}"


@dataclass(frozen=True)
class Target:
    """A target as printed, and how to check it given the figure and the ratio."""

    text: str
    check: Callable[[float, float | None], bool]


def below(limit: float, unit: str) -> Target:
    return Target(f"< {limit:g} {unit}", lambda value, _ratio: value < limit)


def at_least(limit: float, unit: str) -> Target:
    return Target(f">= {limit:,.0f} {unit}", lambda value, _ratio: value >= limit)


def ratio_at_most(limit: float) -> Target:
    return Target(f"<= {limit:g}x base", lambda _value, ratio: ratio is not None and ratio <= limit)


def ratio_at_least(limit: float) -> Target:
    return Target(f">= {limit:g}x base", lambda _value, ratio: ratio is not None and ratio >= limit)


def all_of(*targets: Target) -> Target:
    return Target(
        " and ".join(t.text for t in targets),
        lambda value, ratio: all(t.check(value, ratio) for t in targets),
    )


def any_of(*targets: Target) -> Target:
    return Target(
        " or ".join(t.text for t in targets),
        lambda value, ratio: any(t.check(value, ratio) for t in targets),
    )


@dataclass(frozen=True)
class Row:
    name: str
    measured: Figure
    baseline: Figure | None
    target: Target
    how: str = ""  # what was timed and what the baseline is, printed under the table

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.value <= 0:
            return None
        return self.measured.value / self.baseline.value

    @property
    def ok(self) -> bool:
        return self.target.check(self.measured.value, self.ratio)


@dataclass(frozen=True)
class Growth:
    name: str
    sizes: tuple[float, ...]
    size_label: Callable[[float], str]
    times_ms: tuple[float, ...]
    exponent: float

    @property
    def ok(self) -> bool:
        return self.exponent <= LINEAR_ENOUGH

    @classmethod
    def fitted(
        cls,
        name: str,
        sizes: Sequence[float],
        size_label: Callable[[float], str],
        times_ms: Sequence[float],
    ) -> Growth:
        """The series with its exponent fitted (`growth_exponent`)."""
        return cls(
            name,
            tuple(float(s) for s in sizes),
            size_label,
            tuple(times_ms),
            growth_exponent(sizes, times_ms),
        )

    @classmethod
    def measured(
        cls,
        name: str,
        sizes: Sequence[Size],
        size_label: Callable[[float], str],
        describe: Callable[[Size], str],
        measure: Callable[[Size], float],
        say: Callable[[str], None],
    ) -> Growth:
        """The series timed size by size (``each_size``), then fitted."""
        return cls.fitted(name, sizes, size_label, each_size(sizes, describe, measure, say))


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)

    @property
    def missed(self) -> list[str]:
        return [r.name for r in self.rows if not r.ok] + [g.name for g in self.growth if not g.ok]


def render(report: Report) -> str:
    lines = _grid(
        ["what", "measured", "baseline", "ratio", "target", "result"],
        [
            [
                row.name,
                str(row.measured),
                str(row.baseline) if row.baseline is not None else "-",
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                row.target.text,
                "ok" if row.ok else "MISSED",
            ]
            for row in report.rows
        ],
    )
    hows = [f"  {row.name}: {row.how}" for row in report.rows if row.how]
    if hows:
        lines += ["", "How each row is measured (baseline in brackets):", *hows]
    if report.growth:
        lines += ["", f"Growth (log-log slope; linear or better = exponent <= {LINEAR_ENOUGH}):"]
        for g in report.growth:
            points = ", ".join(
                f"{g.size_label(s)}: {t:,.1f} ms" for s, t in zip(g.sizes, g.times_ms, strict=True)
            )
            verdict = "ok" if g.ok else "MISSED"
            lines.append(f"  {g.name}: exponent {g.exponent:.2f} {verdict}  ({points})")
    return "\n".join(lines)


def _grid(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    right = {1, 2, 3}  # numbers line up on the right

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(parts) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [line(header), rule, *(line(r) for r in body)]
