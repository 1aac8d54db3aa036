"""Which benchmarks exist, in which order they run, and how ``--only`` picks them.

Rows print in the issue's order; they run in dependency order instead, so the import
benchmark's project (1,000 documents) is built once and reused by the rows after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench import article, corpus, paragraph, review, startup, storage, tagging
from bench.context import Context
from bench.table import Report, Row


@dataclass(frozen=True)
class Benchmark:
    key: str  # for --only
    rows: tuple[str, ...]  # the table rows it produces
    run: Callable[[Context], list[Row]]


def _one(make: Callable[[Context], Row]) -> Callable[[Context], list[Row]]:
    return lambda ctx: [make(ctx)]


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("import", ("import jsonl", "export jsonl"), storage.run),
    Benchmark("corpus", ("corpus list",), corpus.run),
    Benchmark("open", ("open a long article",), _one(article.open_row)),
    Benchmark("scroll", ("scroll",), _one(article.scroll_row)),
    Benchmark("tag", ("tag a span",), tagging.run),
    Benchmark("start", ("cold start",), _one(startup.start_row)),
    Benchmark("memory", ("memory",), _one(startup.memory_row)),
)
ROW_ORDER = (
    "tag a span",
    "open a long article",
    "scroll",
    "export jsonl",
    "import jsonl",
    "corpus list",
    "cold start",
    "memory",
)
GROWTH = "growth"
NAMES = (*ROW_ORDER, GROWTH)
SHORT = {
    "tag": "tag a span",
    "open": "open a long article",
    "scroll": "scroll",
    "export": "export jsonl",
    "import": "import jsonl",
    "corpus": "corpus list",
    "start": "cold start",
    "memory": "memory",
    "growth": GROWTH,
}
"""What ``--only`` accepts besides the full row names."""


def resolve(only: Sequence[str]) -> set[str]:
    """Row names (full, or short: tag, open, scroll ...) to run; empty means all."""
    if not only:
        return set(NAMES)
    chosen: set[str] = set()
    for raw in only:
        for word in filter(None, (w.strip().lower() for w in raw.split(","))):
            name = SHORT.get(word, word)
            if name not in NAMES:
                known = ", ".join(SHORT)
                raise ValueError(f"unknown benchmark '{word}'; choose from: {known}")
            chosen.add(name)
    return chosen


def run(ctx: Context, chosen: set[str]) -> Report:
    report = Report()
    for bench in BENCHMARKS:
        wanted = chosen.intersection(bench.rows)
        if not wanted:
            continue
        started = time.perf_counter()
        ctx.say(f"[{', '.join(sorted(wanted))}]")
        report.rows += [row for row in bench.run(ctx) if row.name in wanted]
        ctx.say(f"  done in {time.perf_counter() - started:.1f} s")
    if GROWTH in chosen:
        report.growth += [
            article.growth(ctx),
            *corpus.growth(ctx),
            paragraph.growth(ctx),
            review.growth(ctx),
        ]
    report.rows.sort(key=lambda row: ROW_ORDER.index(row.name))
    return report
