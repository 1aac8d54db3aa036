"""Team-mode load test: ``python -m bench.team_load [--analysts 20] [--seconds 60]``.

Starts a throwaway PostgreSQL server, sets up a team project (roles, row-level security,
live-update triggers: what analysts really run against), and lets N simulated analysts,
each a process logged in as their own role, edit concurrently for the given time: tag a
span, relabel, resize, write a note, delete, in a seeded mix, through the same
``Project`` API the window uses. It prints throughput, latency percentiles per edit, and a
proof that no acknowledged edit was lost:

- every acknowledged tag is a row: ``count(*)`` equals the tags acknowledged;
- every acknowledged change moved a revision: ``sum(revision - 1)`` equals the
  relabels, resizes, notes and deletes acknowledged (each bumps its row by exactly one);
- live rows equal tags minus deletes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pg_cluster import create_cluster

if TYPE_CHECKING:
    from annotator.core.project import Project

SENTENCE = (
    "The ministry said the plant near Calder would reopen in May, officials confirmed, "
    "while analysts believe the Orlan site is likely active."
)
DOCUMENTS = 20


@dataclass
class Tally:
    analyst: str
    tags: int = 0
    changes: int = 0
    deletes: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)


def article(number: int) -> str:
    rng = random.Random(number)
    return " ".join(rng.choice(SENTENCE.split()) for _ in range(400)) + f" Report {number}.\n"


def analyst_run(url: str, name: str, seconds: float, seed: int) -> Tally:
    """One analyst: a loop of edits on their own annotations until the time is up."""
    from annotator.core.errors import AnnotatorError
    from annotator.core.project import Project

    rng = random.Random(seed)
    tally = Tally(name)
    with Project.open(url) as project:
        documents = [(s.id, project.document(s.id).text) for s in project.documents()]
        mine: list[str] = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                one_edit(project, rng, rng.choice(documents), mine, tally)
            except AnnotatorError:
                tally.errors += 1
                continue
            tally.latencies_ms.append((time.perf_counter() - began) * 1000)
    return tally


def one_edit(
    project: Project, rng: random.Random, document: tuple[str, str], mine: list[str],
    tally: Tally,
) -> None:
    """40% new tags; the rest relabel, resize, note or delete one of my annotations."""
    kind = rng.random() if mine else 0.0
    if kind < 0.4:
        doc_id, text = document
        start = rng.randrange(0, len(text) - 40)
        tag = rng.choice(("claim", "quote", "facility", "assessment"))
        mine.append(project.tag_span(doc_id, start, start + rng.randint(5, 40), tag).id)
        tally.tags += 1
        return
    ann_id = rng.choice(mine)
    if kind < 0.6:
        project.apply(project.relabel(ann_id, rng.choice(("claim", "quote"))))
    elif kind < 0.75:
        before = project.annotation(ann_id)
        end = max(min(before.end + 1, before.start + 60), before.start + 1)
        project.apply(project.resize(ann_id, before.start, end))
    elif kind < 0.93:
        project.apply(project.set_note(ann_id, f"{tally.analyst} {rng.random():.6f}"))
    else:
        project.apply(project.delete(ann_id))
        mine.remove(ann_id)
        tally.deletes += 1
        return
    tally.changes += 1


def _child(args: tuple[str, str, float, int]) -> Tally:
    return analyst_run(*args)


def set_up(admin_url: str, analysts: int) -> list[str]:
    from annotator.core.model import ArticleDraft
    from annotator.core.project import Project
    from annotator.core.tags import color_for_new_tag
    from annotator.core.team import add_analyst, init_team

    init_team(admin_url)
    names = [f"analyst{n:02d}" for n in range(analysts)]
    for name in names:
        add_analyst(admin_url, name, f"{name}-pw")
    with Project.open(admin_url) as project:
        for number in range(DOCUMENTS):
            draft = ArticleDraft(text=article(number), origin="bench", title=f"Report {number}")
            project.store.store_article(draft, annotator="admin", new_tag_color=color_for_new_tag)
    return names


def count_check(admin_url: str) -> tuple[int, int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url)
    try:
        with engine.connect() as connection:
            rows, revisions, live = connection.execute(
                text("SELECT count(*), coalesce(sum(revision - 1), 0), "
                     "count(*) FILTER (WHERE NOT deleted) FROM annotations")
            ).one()
    finally:
        engine.dispose()
    return int(rows), int(revisions), int(live)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.team_load", description=__doc__)
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    cluster = create_cluster()
    try:
        admin = cluster.url()
        names = set_up(admin, args.analysts)
        jobs = [(cluster.url("postgres", n, f"{n}-pw"), n, args.seconds, i)
                for i, n in enumerate(names)]
        began = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
            tallies = pool.map(_child, jobs)
        elapsed = time.perf_counter() - began
        rows, revisions, live = count_check(admin)
    finally:
        cluster.destroy()
    return report(tallies, elapsed, rows, revisions, live, args)


def report(tallies: list[Tally], elapsed: float, rows: int, revisions: int, live: int,
           args: argparse.Namespace) -> int:
    latencies = [ms for tally in tallies for ms in tally.latencies_ms]
    tags = sum(t.tags for t in tallies)
    changes = sum(t.changes for t in tallies)
    deletes = sum(t.deletes for t in tallies)
    edits = len(latencies)
    print(f"{args.analysts} analysts, {args.seconds:g} s each (wall {elapsed:.1f} s, "
          f"PostgreSQL on this machine, row-level security on)")
    print(f"acknowledged edits   {edits}  ({edits / args.seconds:.0f} edits/s)")
    print(f"  tags {tags}, relabel/resize/note {changes}, deletes {deletes}, "
          f"refused {sum(t.errors for t in tallies)}")
    print(f"latency per edit     p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {percentile(latencies, 0.95):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms")
    checks = [
        ("rows == tags acknowledged", rows, tags),
        ("sum(revision-1) == changes + deletes acknowledged", revisions, changes + deletes),
        ("live rows == tags - deletes", live, tags - deletes),
    ]
    lost = False
    for label, found, expected in checks:
        ok = found == expected
        lost |= not ok
        print(f"count check: {label}: {found} vs {expected} {'ok' if ok else 'MISMATCH'}")
    print("no edit lost" if not lost else "EDITS LOST")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
