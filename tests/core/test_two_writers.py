"""Two processes, one file (issue 10): two child processes tag hundreds of spans on the
same document of one SQLite project at the same time. No corruption, no lost edit, each
sees the other's edits when it re-reads; "busy" may only ever surface as a clear
``DatabaseError`` (the child retries and reports it), never as a silent loss.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.project import Project

CHILD = Path(__file__).with_name("two_writers_child.py")
SPANS = 300


@pytest.mark.slow
def test_two_processes_tagging_one_document_lose_nothing(db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The Orlan 😀 site near Veskar was expanded, officials said.\n" * 20)
    with Project.open(db_path, analyst="setup") as project:
        (document_id,) = project.import_paths([article]).document_ids
    children = {
        name: subprocess.Popen(
            [sys.executable, str(CHILD), str(db_path), document_id, name, str(SPANS), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for seed, name in enumerate(["writer-a", "writer-b"])
    }
    for child in children.values():
        assert child.stdin is not None
        child.stdin.write(b"go\n")
        child.stdin.flush()
    events: dict[str, list[dict[str, object]]] = {name: [] for name in children}
    for name, child in children.items():  # read each up to "finished"
        assert child.stdout is not None
        while line := child.stdout.readline():
            events[name].append(json.loads(line))
            if "finished" in events[name][-1]:
                break
    for name, child in children.items():
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"check\n")
        child.stdin.close()
        events[name] += [json.loads(line) for line in child.stdout]
        assert child.wait(timeout=60) == 0, child.stderr.read() if child.stderr else ""
    acked = {name: {e["ack"] for e in evs if "ack" in e} for name, evs in events.items()}
    assert all(len(ids) == SPANS for ids in acked.values())
    everything = acked["writer-a"] | acked["writer-b"]
    overlap = [e["others"] for evs in events.values() for e in evs if "others" in e]
    assert any(0 < int(str(n)) < SPANS for n in overlap), overlap  # they did write at once
    for evs in events.values():  # each sees all of the other's edits on re-reading
        (seen,) = [e["seen"] for e in evs if "seen" in e]
        assert everything <= set(seen)
        for e in evs:
            if "busy" in e:
                assert "busy" in str(e["busy"]) and str(db_path) in str(e["busy"])
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in connection.execute("SELECT id FROM annotations")}
        text = connection.execute("SELECT text FROM documents").fetchone()[0]
        for start, end, quote in connection.execute(
            "SELECT start_offset, end_offset, quote FROM annotations"
        ):
            assert text[start:end] == quote
    assert stored == everything
