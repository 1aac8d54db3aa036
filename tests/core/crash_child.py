"""Crash-consistency harness: a child that edits through ``Project`` and a checker.

Run as a script, it opens the project, picks a random edit (add, relabel, resize, delete,
or undo = ``project.revert`` of the most recent edit still on its undo stack), prints an
``intent`` line with the state the touched annotation will have, applies the edit and then
prints an ``ack`` line once ``apply``/``revert`` has returned. The parent SIGKILLs it at
random moments; ``check_database`` then proves that every acknowledged edit is stored,
that at most the one edit in flight (the last intent without its ack) differs, and that
nothing is half-written.

Both ``tests/core/test_crash_consistency.py`` and ``bench/crash.py`` load this file by path.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT = (
    "Satellite images 🛰️ show new construction at the site.\n"
    "«Le réacteur» a été agrandi, says the analyst (e\u0301 combining).\n"
    "עברית RTL text then 𝕄𝕒𝕥𝕙 letters and a family 👨\u200d👩\u200d👧 emoji.\n"
) * 8
TAGS = ("claim", "quote", "facility", "assessment")
State = tuple[bool, str, int, int, int]
"""(alive, tag, start, end, revision) of one annotation."""


# --- the child ----------------------------------------------------------------------------


def _emit(kind: str, annotation_id: str, state: State, **extra: Any) -> None:
    alive, tag, start, end, revision = state
    line = {"kind": kind, "id": annotation_id, "alive": alive, "tag": tag}
    line.update(start=start, end=end, rev=revision, **extra)
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def child_main(db: str, document_id: str, seed: int, limit: int) -> int:
    from annotator.core.edits import AddAnnotation, Change, Edit
    from annotator.core.project import Project

    rng = random.Random(seed)
    sys.stdin.readline()  # started early by the parent (imports done); wait for our turn
    project = Project.open(db, analyst="crash")
    document = project.document(document_id)
    length = len(document.text)
    model: dict[str, State] = {
        a.id: (True, a.tag, a.start, a.end, a.revision) for a in project.annotations(document_id)
    }
    undo: list[tuple[Edit, str, State]] = []  # edit, annotation id, state before it

    def span() -> tuple[int, int]:
        start = rng.randrange(length - 1)
        return start, rng.randrange(start + 1, min(length, start + 40) + 1)

    for step in range(limit):
        alive = sorted(i for i, s in model.items() if s[0])
        roll = rng.random()
        if roll < 0.15 and undo:
            edit, annotation_id, before = undo.pop()
            expected = (*before[:4], model[annotation_id][4] + 1)
            _emit("intent", annotation_id, expected, op="undo", step=step)
            change: Change = project.revert(edit)
        else:
            if roll < 0.45 or len(alive) < 3:
                start, end = span()
                edit = project.new_annotation(document, start, end, rng.choice(TAGS))
                assert isinstance(edit, AddAnnotation)
                annotation_id = edit.annotation.id
                before = (False, edit.annotation.tag, start, end, 0)
                expected = (True, edit.annotation.tag, start, end, 1)
                op = "add"
            else:
                annotation_id = rng.choice(alive)
                before = model[annotation_id]
                _, tag, start, end, revision = before
                if roll < 0.65:
                    new_tag = rng.choice([t for t in TAGS if t != tag])
                    edit, op = project.relabel(annotation_id, new_tag), "relabel"
                    expected = (True, new_tag, start, end, revision + 1)
                elif roll < 0.85:
                    new_start, new_end = span()
                    edit, op = project.resize(annotation_id, new_start, new_end), "resize"
                    expected = (True, tag, new_start, new_end, revision + 1)
                else:
                    edit, op = project.delete(annotation_id), "delete"
                    expected = (False, tag, start, end, revision + 1)
            _emit("intent", annotation_id, expected, op=op, step=step)
            change = project.apply(edit)
            undo.append((edit, annotation_id, before))
        got = change.annotation
        shown = None if got is None else (True, got.tag, got.start, got.end, got.revision)
        if expected[0] and shown != expected:
            sys.stderr.write(f"step {step}: apply returned {shown}, expected {expected}\n")
            return 3
        if got is not None and got.quote != document.text[got.start : got.end]:
            sys.stderr.write(f"step {step}: returned quote does not match the text\n")
            return 3
        model[annotation_id] = expected
        _emit("ack", annotation_id, expected, step=step)
    project.close()
    return 0


# --- the checker --------------------------------------------------------------------------


@dataclass
class Tally:
    runs: int = 0
    kills: int = 0
    acked: int = 0
    in_flight_applied: int = 0
    in_flight_absent: int = 0
    failures: list[str] = field(default_factory=list)


def db_states(db: Path, document_id: str) -> tuple[dict[str, State], list[str]]:
    """The state of every annotation row, and every problem found reading the file raw."""
    problems: list[str] = []
    connection = sqlite3.connect(db)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            problems.append(f"integrity_check: {check}")
        fk = connection.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk}")
        (text,) = connection.execute(
            "SELECT text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        rows = connection.execute(
            "SELECT a.id, a.deleted, t.name, a.start_offset, a.end_offset, a.revision, a.quote,"
            " a.created, a.updated FROM annotations a JOIN tags t ON t.id = a.tag_id"
            " WHERE a.document_id = ?",
            (document_id,),
        ).fetchall()
    finally:
        connection.close()
    states: dict[str, State] = {}
    for ident, deleted, tag, start, end, revision, quote, created, updated in rows:
        if not 0 <= start < end <= len(text) or text[start:end] != quote:
            problems.append(f"{ident}: quote {quote!r} is not text[{start}:{end}]")
        if revision < 1 or updated < created:
            problems.append(f"{ident}: revision {revision}, created {created}, updated {updated}")
        states[ident] = (not deleted, tag, start, end, revision)
    return states, problems


def check_run(
    before: dict[str, State], lines: list[dict[str, Any]], after: dict[str, State], tally: Tally
) -> list[str]:
    """Compare the database after a killed run with the run's acknowledged log."""
    expected = dict(before)
    in_flight: dict[str, Any] | None = None
    for line in lines:
        state = (line["alive"], line["tag"], line["start"], line["end"], line["rev"])
        if line["kind"] == "intent":
            in_flight = {"id": line["id"], "state": state}
        else:
            assert in_flight is not None and in_flight["id"] == line["id"], line
            expected[line["id"]] = state
            in_flight = None
            tally.acked += 1
    problems: list[str] = []
    loose = in_flight["id"] if in_flight is not None else None
    for ident in sorted(set(expected) | set(after)):
        want, got = expected.get(ident), after.get(ident)
        if ident == loose and in_flight is not None:
            if got == in_flight["state"] and got != want:
                tally.in_flight_applied += 1
                continue
            if got == want:
                tally.in_flight_absent += 1
                continue
        if want != got:
            problems.append(f"{ident}: acknowledged {want}, stored {got}")
    return problems


def spawn(db: Path, document_id: str, seed: int, limit: int) -> subprocess.Popen[bytes]:
    """Start a child; it imports everything, then waits for a line on stdin to begin."""
    return subprocess.Popen(
        [sys.executable, __file__, str(db), document_id, str(seed), str(limit)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def drive_and_kill(
    child: subprocess.Popen[bytes], kill_after: int, rng: random.Random
) -> tuple[list[dict[str, Any]], bool, str]:
    """Let ``child`` run; SIGKILL it after ``kill_after`` acks plus a random pause.

    Returns the complete JSON lines it printed, whether it was killed, and its stderr.
    """
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(b"go\n")
    child.stdin.flush()
    raw: list[bytes] = []
    acks = 0
    killed = False
    while acks < kill_after:
        line = child.stdout.readline()
        if not line:
            break
        raw.append(line)
        acks += line.startswith(b'{"kind": "ack"')
    else:
        time.sleep(rng.random() * 0.004)  # land anywhere inside the next transaction
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            killed = True
    # Not communicate(): it reads the pipe's file descriptor and would skip what
    # readline() has already buffered.
    raw.extend(child.stdout.readlines())
    assert child.stderr is not None
    errors = child.stderr.read()
    child.wait()
    child.stdin.close()
    child.stdout.close()
    child.stderr.close()
    lines = [json.loads(item) for item in raw if item.endswith(b"\n")]
    return lines, killed, errors.decode("utf-8", "replace")


LOOKAHEAD = 3
"""Children started ahead of their turn, so their start-up overlaps the current run."""


def crash_campaign(
    db: Path, *, kills: int, seed: int, max_acks: int, log: Any = None
) -> tuple[Tally, str]:
    """Create a project at ``db`` and run ``kills`` killed children on it in turn."""
    from annotator.core.model import ArticleDraft
    from annotator.core.project import Project

    with Project.open(db, analyst="crash") as project:
        document_id = project.store.store_article(
            ArticleDraft(text=TEXT, origin="crash"), annotator="crash", new_tag_color=str
        ).document_id  # the default tags cover TAGS, so new_tag_color is never called
    rng = random.Random(seed)
    tally = Tally()
    before, problems = db_states(db, document_id)
    tally.failures.extend(problems)
    waiting = [
        spawn(db, document_id, seed * 1000 + run, max_acks + 10)
        for run in range(min(LOOKAHEAD, kills))
    ]
    try:
        for run in range(kills):
            child = waiting.pop(0)
            if run + LOOKAHEAD < kills:
                waiting.append(spawn(db, document_id, seed * 1000 + run + LOOKAHEAD, max_acks + 10))
            kill_after = rng.randint(1, max_acks)
            lines, killed, errors = drive_and_kill(child, kill_after, rng)
            tally.runs += 1
            tally.kills += killed
            if not killed:
                tally.failures.append(f"run {run}: child ended before the kill: {errors[-500:]}")
            after, problems = db_states(db, document_id)
            problems += check_run(before, lines, after, tally)
            tally.failures.extend(f"run {run}: {p}" for p in problems)
            if log is not None:
                log(f"run {run}: {kill_after} acks, {len(problems)} problems")
            before = after
    finally:
        for child in waiting:  # only after a failure: do not let them start editing
            child.kill()
            child.wait()
    return tally, document_id


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
